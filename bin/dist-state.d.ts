// Types for dist-state.js (plain JavaScript, so it runs before anything is compiled), for the tests.
export declare const DIST_DIR: string;
export declare const STAMP_FILE: string;
export declare const BUILT_FOLDERS: string[];
export declare function distState(root: string): { fresh: true } | { fresh: false; reason: string };
