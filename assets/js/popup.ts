// Placeholder: filled by the feature that owns this module.
export function initPopups(_root: Document): void {}
