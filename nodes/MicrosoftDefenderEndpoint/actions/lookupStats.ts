import type { Checked } from '../../core/operation/checks';
import { MAX_LOOK_BACK_HOURS, checkLookBackHours } from '../shared/lookups';
import type { ApiEndpoint } from '../../core/transport/apiEndpoint';
import type { ApiClient } from '../../core/transport/apiClient';
import { toItems } from '../../core/operation/apiOperation';
import type { ApiOperation } from '../../core/operation/apiOperation';

/** One entity's statistics: `GET /api/<collection>/{value}/stats?lookBackHours=`. */
export interface StatsSpec {
	endpoint: ApiEndpoint;
	collection: 'files' | 'ips' | 'domains';
	/** The parameter holding the entity and the check that keeps anything but its kind out of the URL. */
	parameter: string;
	check: (raw: unknown) => Checked<string>;
	/** "file", "IP", "domain": for messages. */
	noun: string;
}

const readChecked = <T>(checked: Checked<T>, client: ApiClient): T => {
	if (!checked.ok) throw client.inputError(checked.problem);
	return checked.value;
};

export const statsOperation =
	(spec: StatsSpec): ApiOperation['execute'] =>
	async (ctx, client) => {
		const value = readChecked(spec.check(ctx.getNodeParameter(spec.parameter, '')), client);
		const lookBackHours = readChecked(
			checkLookBackHours(ctx.getNodeParameter('lookBackHours', MAX_LOOK_BACK_HOURS)),
			client,
		);
		const stats = await client.call(
			spec.endpoint,
			{ method: 'GET', url: `/api/${spec.collection}/${value}/stats`, qs: { lookBackHours } },
			{ subject: `${spec.noun} ${value}`, verb: 'read the statistics of' },
		);
		return toItems(client, [stats]);
	};
