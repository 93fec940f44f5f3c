// Placeholder: filled by the feature that owns this module.
export function initFilters(_root: Document): void {}
