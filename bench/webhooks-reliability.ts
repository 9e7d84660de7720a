export async function runReliability(_k: string, _u: string) { return { skipped: true }; }
