"use strict";
"use asm";
function f() { return 1; }
