//! Fidelity tests: frameworks/civil-service/ (written with the library).
