#!/usr/bin/env node
import { argv } from 'node:process';
console.log(argv.length);
