/** Which tenant a request acts for. Local transports (stdio) have one tenant; HTTP derives it from auth. */
import type { AuthInfo } from '@modelcontextprotocol/server';

export type TenantResolver = (authInfo: AuthInfo | undefined) => string;

export const LOCAL_TENANT = 'local';

/** singleTenant() → every request belongs to "local" */
export const singleTenant: TenantResolver = () => LOCAL_TENANT;
