interface Page {
  items: string[] | null;
  next?: string;
}

// An object literal { get p() { ... } } owns the getter, and JSON.stringify sends it.
export interface Req {
  get p(): Page;
}
