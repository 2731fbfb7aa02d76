/** A user's sign-in name, or another app's client ID: Defender names either as the requestor of an action that is not ours. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an author or requestor is a user (a sign-in name) or another app (its client ID); an app's display name says nothing either way. */
export function isOtherRequestor(name: string, appId: string): boolean {
	const requestor = name.trim();
	if (requestor.includes('@')) return true;
	return GUID.test(requestor) && requestor.toLowerCase() !== appId.trim().toLowerCase();
}
