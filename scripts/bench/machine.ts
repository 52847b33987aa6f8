import { cpus, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
}

export function machine(): Machine {
  const list = cpus();
  return { cpu: list[0]?.model.trim() ?? 'unknown', cores: list.length, ramGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

export const describeMachine = (m: Machine): string => `${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}`;
