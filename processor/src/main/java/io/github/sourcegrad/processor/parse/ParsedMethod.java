package io.github.sourcegrad.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import io.github.sourcegrad.processor.ir.Function;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * A method the parser accepted: its IR, and where each call to another {@code @Differentiable} method is in
 * the source (keyed by the id of the call's result value), so that later checks on the call graph can
 * report at the call.
 */
public record ParsedMethod(
        ExecutableElement element, CompilationUnitTree unit, Function function, Map<Integer, Tree> callSites) {
    public ParsedMethod {
        callSites = Map.copyOf(callSites);
    }
}
