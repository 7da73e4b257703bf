/**
 * A PascalCase title from a type name, as the contract's `title` must be
 * (letters and digits, upper-case first and after digits, so the TypeScript
 * generator keeps it): cpProvisionRequest → CpProvisionRequest,
 * provision_request → ProvisionRequest, v2request → V2Request.
 * Undefined when nothing usable is left (the caller asks for --title).
 */
export function pascalTitle(typeName: string): string | undefined {
  const parts = typeName.split(/[^A-Za-z0-9]+/u).filter((p) => p !== '');
  const joined = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  const title = joined
    .replace(/^[0-9]+/u, '')
    .replace(/([0-9])([a-z])/gu, (_, digit: string, letter: string) => `${digit}${letter.toUpperCase()}`);
  return TITLE_PATTERN.test(title) ? title : undefined;
}

/** The meta-schema's pattern for `title` (schemas/contract.schema.json). */
export const TITLE_PATTERN = /^[A-Z][A-Za-z]*(?:[0-9]+(?:[A-Z][A-Za-z]*)?)*$/u;
