interface Page {
  items: string[] | null;
  next?: string;
}

interface Body {
  p: Page;
}

// JSON.stringify(null) is "null": not an object body.
export type Req = Body | null;
