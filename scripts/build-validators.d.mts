export declare const OUT_DIR: string;
export declare const SCHEMAS: Record<string, string>;
export declare function generateValidators(): Record<string, string>;
