// Placeholder: filled by the feature that owns this module.
export function initGuide(_root: Document): void {}
