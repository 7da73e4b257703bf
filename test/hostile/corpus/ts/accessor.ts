interface Page {
  items: string[] | null;
  next?: string;
}

// `accessor p` is a getter/setter pair on the prototype: JSON.stringify(new Req()) is "{}".
export class Req {
  accessor p: Page = { items: [] };
}
