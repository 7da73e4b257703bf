export function fibonacciGraph(types?: number): Record<string, string>;
export function bigPackage(options?: { lines?: number; files?: number }): {
  files: Record<string, string>;
  structs: string[];
  lines: number;
};
