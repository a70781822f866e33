/// <reference types="vite/client" />
/// <reference path="./globals.d.ts" />

export const mode = import.meta.env.MODE;
