#!/usr/bin/env node
'use strict';
const x = 1;
module.exports = x;
