// Module state of the worker: with isolation off, the second file sees what the first put here.
export const filesSeen: string[] = []
