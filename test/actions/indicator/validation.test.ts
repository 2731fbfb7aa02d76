import type { INodeParameters } from 'n8n-workflow';

import { startDefenderSimulator } from '../../../simulator/server';
import type { DefenderSimulator } from '../../../simulator/server';
import { runDefenderNode, simulatorCredential } from '../../harness/engine';

let simulator: DefenderSimulator;

beforeEach(async () => {
	simulator = await startDefenderSimulator();
});
afterEach(async () => await simulator.close());

const indicator = (
	indicatorType: string,
	indicatorValue: unknown,
	overrides: INodeParameters = {},
): INodeParameters => ({
	resource: 'indicator',
	indicatorType,
	indicatorValue: indicatorValue as string,
	action: 'Block',
	title: 'Blocked by n8n',
	description: 'Test',
	...overrides,
});

/** Values Defender would refuse, or that do not mean what they look like: nothing is sent for any of them. */
const refused: Array<[string, unknown, string]> = [
	['FileSha256', 'a'.repeat(63), 'must be 64 hexadecimal characters'],
	['FileSha256', 'g'.repeat(64), 'must be 64 hexadecimal characters'],
	['FileSha256', 'a'.repeat(40), 'must be 64 hexadecimal characters'],
	['FileSha1', 'a'.repeat(64), 'must be 40 hexadecimal characters'],
	['FileSha1', `${'a'.repeat(39)}'`, 'must be 40 hexadecimal characters'],
	['FileMd5', 'a'.repeat(31), 'must be 32 hexadecimal characters'],
	['FileMd5', `0x${'a'.repeat(30)}`, 'must be 32 hexadecimal characters'],
	['CertificateThumbprint', 'a'.repeat(64), 'must be 40 hexadecimal characters'],
	['FileSha256', `${'a'.repeat(32)} ${'a'.repeat(31)}`, 'holds spaces or control characters'],
	['IpAddress', '203.0.113.0/24', 'is a range'],
	['IpAddress', '203.0.113.256', 'is not an IPv4 or IPv6 address'],
	['IpAddress', '203.0.113', 'is not an IPv4 or IPv6 address'],
	['IpAddress', '010.0.0.1', 'is not an IPv4 or IPv6 address'],
	['IpAddress', '10.1.2.3', 'internal or reserved IPv4'],
	['IpAddress', '192.168.0.1', 'internal or reserved IPv4'],
	['IpAddress', '127.0.0.1', 'internal or reserved IPv4'],
	['IpAddress', '::1', 'internal or reserved IPv6'],
	['IpAddress', 'fe80::1', 'internal or reserved IPv6'],
	['IpAddress', '2001:db8::1::2', 'is not an IPv4 or IPv6 address'],
	['IpAddress', '2001:4860:4860:0:0:0:0:8888:1', 'is not an IPv4 or IPv6 address'],
	['IpAddress', 'example.com', 'is not an IPv4 or IPv6 address'],
	['DomainName', 'https://example.com', 'is not a domain name'],
	['DomainName', 'example.com/path', 'is not a domain name'],
	['DomainName', '*.example.com', 'is not a domain name'],
	['DomainName', 'example.com:443', 'is not a domain name'],
	['DomainName', 'localhost', 'is not a domain name'],
	['DomainName', "example.com' or 1 eq 1", 'holds spaces or control characters'],
	['Url', 'example.com/path', 'is not a URL'],
	['Url', 'ftp://example.com/file', 'is not an http or https URL'],
	['Url', 'javascript:alert(1)', 'is not an http or https URL'],
	['Url', 'https://user:secret@example.com/', 'holds a user name or password'],
	['Url', 'https://example.com/a\nb', 'holds spaces or control characters'],
	['Url', `https://example.com/${'a'.repeat(2100)}`, 'is longer than 2048 characters'],
	['FileSha256', '={{ "" }}', 'Indicator Value is empty'],
	['FileSha256', '   ', 'Indicator Value is empty'],
	['FileSha256', '={{ { "a": 1 } }}', 'is not text'],
];

describe('Indicator values are checked for their type before anything is sent', () => {
	it.each(['create', 'import'])(
		'%s: every refusal names the item and the value, and nothing is sent',
		async (operation) => {
			for (const [type, value, problem] of refused) {
				const { error } = await runDefenderNode({
					parameters: { ...indicator(type, value), operation },
					credential: simulatorCredential(simulator),
				});

				expect(error?.message).toMatch(/^Item 0: /);
				expect(error?.message).toContain(problem);
			}
			expect(simulator.apiRequests()).toHaveLength(0);
		},
	);

	it.each([
		['FileSha256', 'A'.repeat(64), 'a'.repeat(64)],
		['FileSha1', ` ${'b'.repeat(40)} `, 'b'.repeat(40)],
		['FileMd5', 'c'.repeat(32), 'c'.repeat(32)],
		['CertificateThumbprint', 'D'.repeat(40), 'd'.repeat(40)],
		['IpAddress', '203.0.113.15', '203.0.113.15'],
		['IpAddress', '2001:4860:4860::8888', '2001:4860:4860:0:0:0:0:8888'],
		['DomainName', 'Malicious.Example.com', 'malicious.example.com'],
		[
			'Url',
			'https://downloads.example.net/payload?x=1',
			'https://downloads.example.net/payload?x=1',
		],
	])('%s %s is sent as %s', async (type, value, sent) => {
		const action = type === 'CertificateThumbprint' ? 'Allowed' : 'Block';
		const { error } = await runDefenderNode({
			parameters: { ...indicator(type, value, { action }), operation: 'create' },
			credential: simulatorCredential(simulator),
		});

		expect(error).toBeUndefined();
		expect(JSON.parse(simulator.apiRequests()[0].body)).toMatchObject({
			indicatorType: type,
			indicatorValue: sent,
		});
	});

	it.each([
		['CertificateThumbprint', 'a'.repeat(40), 'Block', 'it takes Allowed, BlockAndRemediate'],
		['IpAddress', '203.0.113.15', 'BlockAndRemediate', 'it takes Allowed, Audit, Warn, Block'],
		['Url', 'https://example.com/', 'BlockAndRemediate', 'it takes Allowed, Audit, Warn, Block'],
		[
			'FileSha256',
			'a'.repeat(64),
			'AlertAndBlock',
			'Action must be one of Allowed, Audit, Warn, Block, BlockAndRemediate',
		],
	])('refuses a %s indicator (%s) with the action %s', async (type, value, action, problem) => {
		const { error } = await runDefenderNode({
			parameters: { ...indicator(type, value, { action }), operation: 'create' },
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});

	it.each([
		[{ title: '  ' }, 'Title is empty'],
		[{ description: '={{ "" }}' }, 'Description is empty'],
		[{ options: { expirationTime: 'next tuesday' } }, 'Expiration "next tuesday" is not a date'],
		[
			{ options: { expirationTime: '2020-01-01T00:00:00Z' } },
			'Expiration 2020-01-01T00:00:00.000Z is in the past',
		],
		[
			{ options: { severity: 'Critical' } },
			'Severity must be one of Informational, Low, Medium, High',
		],
		[{ indicatorType: 'Email' }, 'Type must be one of FileSha1'],
	])('refuses %j before sending', async (overrides, problem) => {
		const { error } = await runDefenderNode({
			parameters: { ...indicator('FileSha256', 'a'.repeat(64)), ...overrides, operation: 'create' },
			credential: simulatorCredential(simulator),
		});

		expect(error?.message).toContain(problem);
		expect(simulator.apiRequests()).toHaveLength(0);
	});
});
