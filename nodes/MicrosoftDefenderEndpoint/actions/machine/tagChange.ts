import type { IDataObject } from 'n8n-workflow';

/** Defender's `Action` for a tag change. */
export type TagAction = 'Add' | 'Remove';

export const tagVerb = (action: TagAction, tag: string) =>
	action === 'Add' ? `add tag "${tag}" to` : `remove tag "${tag}" from`;

/** Whether a device's tags already show the change (Defender's tag case rules are undocumented: exact match). */
export const tagApplied = (machine: IDataObject, action: TagAction, tag: string): boolean =>
	hasTag(machine, tag) === (action === 'Add');

/** Whether a device (as Defender lists it) carries the tag, exactly. */
export const hasTag = (machine: { machineTags?: unknown }, tag: string): boolean =>
	Array.isArray(machine.machineTags) && (machine.machineTags as unknown[]).includes(tag);

/**
 * The field that says whether the change had anything to do, from the device's tags read before it:
 * `tagAlreadyPresent` for Add, `tagWasAbsent` for Remove. Nothing when the device could not be read before.
 */
export const tagStateBefore = (action: TagAction, hadTag: boolean | undefined): IDataObject => {
	if (hadTag === undefined) return {};
	return action === 'Add' ? { tagAlreadyPresent: hadTag } : { tagWasAbsent: !hadTag };
};
