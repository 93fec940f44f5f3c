// Placeholder: filled by the feature that owns this module.
export function initTrees(_root: Document): void {}
