import { generatedDefinitionName } from '../../generate/type-names.js';
import type { FindingDraft } from '../../rule.js';
import type { LintRule } from './context.js';

export const DEFINITION_NAME_COLLISION: LintRule<'definition' | 'title'> = {
  id: 'DEFINITION_NAME_COLLISION',
  stage: 'lint',
  severity: 'error',
  summary:
    'No two definitions under "$defs", and no definition and the contract\'s title, become the same TypeScript type name in generated code.',
  why: 'The generator makes the second name unique by appending a digit ("Address" and "Address1"), so which definition a type name means depends on the order fields refer to them, and code written against one silently gets the other.',
  messages: {
    definition: 'two definitions, one type name',
    title: 'a definition named like the contract',
  },
  check(context) {
    const model = context.model;
    if (model === undefined || model.defs.size === 0) return [];
    const drafts: FindingDraft[] = [];
    // The root type is named exactly as the title (SCHEMA_INVALID refuses a title the generator would re-spell).
    const claimed = new Map<string, string | undefined>();
    if (model.title !== '') claimed.set(model.title, undefined);
    for (const def of model.defs.values()) {
      const typeName = generatedDefinitionName(def.name);
      if (!claimed.has(typeName)) {
        claimed.set(typeName, def.name);
        continue;
      }
      const first = claimed.get(typeName);
      drafts.push({
        path: def.schemaPointer,
        message:
          first === undefined
            ? `Definition "${def.name}" becomes the TypeScript type "${typeName}", the name of the contract's own type (its title), so generated code calls it "${typeName}1". Rename the definition.`
            : `Definitions "${first}" and "${def.name}" both become the TypeScript type "${typeName}", so generated code calls the second "${typeName}1". Rename one of them.`,
        data:
          first === undefined
            ? { kind: 'title', definition: def.name, typeName }
            : { kind: 'definition', definition: def.name, first, typeName },
      });
    }
    return drafts;
  },
};
