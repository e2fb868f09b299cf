//! Fidelity tests: frameworks/nhs/ (written with the library).
