export function initialJs(distDir: string, pageChunk: string): { files: Array<{ file: string; gzip: number }>; gzip: number };
