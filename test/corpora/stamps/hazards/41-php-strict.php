<?php
declare(strict_types=1);

function f(): int { return 1; }
