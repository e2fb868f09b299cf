//! Fidelity tests: frameworks/cross-sector/ (written with the library).
