import type { ProvisionRequest } from './provision_request.types.js';

/**
 * cp's provision handler: turns a validated request into a workspace plan.
 * It reads every field cp consumes, because that is what the contract claims;
 * the consumption trace (consumer/consumption-trace.ts) checks the claim.
 * Dead fields (template_assets) are not even in this type.
 */

export interface ProvisionResult {
  readonly workspace_id: string;
}

export type ProvisionHandler = (request: ProvisionRequest) => ProvisionResult | Promise<ProvisionResult>;

export interface DisplayPlan {
  readonly mode: string;
  readonly width: number;
  readonly height: number;
  readonly protocol: string;
}

export interface WorkspacePlan {
  readonly orgId: string;
  readonly workspaceId: string;
  readonly runtime: string;
  readonly template: string | undefined;
  readonly tier: number;
  readonly instanceType: string;
  /** GiB. */
  readonly diskGb: number;
  readonly provider: string;
  readonly dataPersistence: string;
  /** True for the org's concierge workspace (`kind: "platform"`). */
  readonly platformWorkspace: boolean;
  readonly display: DisplayPlan;
  readonly platformUrl: string;
  readonly env: Readonly<Record<string, string>>;
  /** File contents by path inside the workspace. */
  readonly files: Readonly<Record<string, string>>;
}

/** What cp picks when a tier's optional fields are omitted. */
const TIER_DEFAULTS: readonly { readonly instanceType: string; readonly diskGb: number }[] = [
  { instanceType: 'small', diskGb: 10 },
  { instanceType: 'medium', diskGb: 50 },
  { instanceType: 'large', diskGb: 200 },
];

function tierDefaults(tier: number): { readonly instanceType: string; readonly diskGb: number } {
  const index = Math.min(Math.max(Math.trunc(tier), 0), TIER_DEFAULTS.length - 1);
  return TIER_DEFAULTS[index] ?? { instanceType: 'small', diskGb: 10 };
}

function copyStrings(map: Readonly<Record<string, string | undefined>> | null | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(map ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

export function planWorkspace(request: ProvisionRequest): WorkspacePlan {
  const defaults = tierDefaults(request.tier);
  const { mode, width, height, protocol } = request.display;
  return {
    orgId: request.org_id,
    workspaceId: request.workspace_id,
    runtime: request.runtime,
    template: request.template,
    tier: request.tier,
    instanceType: request.instance_type ?? defaults.instanceType,
    diskGb: request.disk_gb ?? defaults.diskGb,
    provider: request.provider ?? 'default',
    dataPersistence: request.data_persistence ?? 'ephemeral',
    platformWorkspace: request.kind === 'platform',
    display: { mode: mode ?? 'none', width: width ?? 1280, height: height ?? 800, protocol: protocol ?? 'vnc' },
    platformUrl: request.platform_url,
    env: copyStrings(request.env),
    files: copyStrings(request.config_files),
  };
}

/** The handler startServer runs: plans the workspace, hands the plan on, acknowledges with its id. */
export function createProvisionHandler(
  onPlan: (plan: WorkspacePlan) => void | Promise<void> = () => undefined,
): ProvisionHandler {
  return async (request) => {
    const plan = planWorkspace(request);
    await onPlan(plan);
    return { workspace_id: plan.workspaceId };
  };
}
