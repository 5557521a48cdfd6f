"""Machine-readable exports of the proceedings, each a pure function of the model."""
