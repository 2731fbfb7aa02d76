import type { IDataObject } from 'n8n-workflow';

/** Defender's `Action` for a tag change. */
export type TagAction = 'Add' | 'Remove';

export const tagVerb = (action: TagAction, tag: string) =>
	action === 'Add' ? `add tag "${tag}" to` : `remove tag "${tag}" from`;

/** Whether a device's tags already show the change (Defender's tag case rules are undocumented: exact match). */
export const tagApplied = (machine: IDataObject, action: TagAction, tag: string): boolean =>
	(Array.isArray(machine.machineTags) && (machine.machineTags as unknown[]).includes(tag)) ===
	(action === 'Add');
