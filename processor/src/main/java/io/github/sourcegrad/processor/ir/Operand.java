package io.github.sourcegrad.processor.ir;

/** What an instruction reads: an SSA value, a literal, or a static field. */
public sealed interface Operand permits Value, Literal, StaticField {
    Type type();
}
