export function fibonacciGraph(types?: number): Record<string, string>;
export function bigPackage(options?: { lines?: number; files?: number }): {
  files: Record<string, string>;
  structs: string[];
  lines: number;
};
export function realWorldModule(options?: { structs?: number }): {
  files: Record<string, string>;
  types: { api: string[]; network: string[] };
};
