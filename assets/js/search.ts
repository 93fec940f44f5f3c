// Placeholder: filled by the feature that owns this module.
export function initSearch(_root: Document): void {}
