// Placeholder: filled by the feature that owns this module.
export function initRelational(_root: Document): void {}
