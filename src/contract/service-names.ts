import type { ContractModel } from './field-table.js';

/** How messages name the two services: the contract header's `producer.name` and `consumer.name`. */
export interface ServiceNames {
  readonly producer: string;
  readonly consumer: string;
}

/** What messages say when no contract names a side (a config error, a report over contracts with different services). */
export const GENERIC_NAMES: ServiceNames = { producer: 'the producer', consumer: 'the consumer' };

/**
 * The names every given contract agrees on, side by side; a side that is
 * missing, or named differently by two contracts, is "the producer" or "the consumer".
 */
export function serviceNamesOf(models: readonly (ContractModel | undefined)[]): ServiceNames {
  const agreed = (side: 'producer' | 'consumer'): string | undefined => {
    const names = new Set(models.map((m) => m?.[side]?.name));
    const [only] = names;
    return names.size === 1 && only ? only : undefined;
  };
  return {
    producer: agreed('producer') ?? GENERIC_NAMES.producer,
    consumer: agreed('consumer') ?? GENERIC_NAMES.consumer,
  };
}
