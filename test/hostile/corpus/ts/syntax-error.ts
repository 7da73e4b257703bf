export interface Req {
  p: {
    items: string[] | null;
    next?: string
