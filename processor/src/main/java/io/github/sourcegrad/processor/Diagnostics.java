package io.github.sourcegrad.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one place that reports to the user. Messages start with {@code [SourceGrad]} so they are easy to
 * find in a build log and to match in tests.
 */
final class Diagnostics {
    static final String PREFIX = "[SourceGrad] ";

    private final Messager messager;
    private final Trees trees;

    Diagnostics(Messager messager, Trees trees) {
        this.messager = messager;
        this.trees = trees;
    }

    void error(Tree tree, CompilationUnitTree unit, String message) {
        trees.printMessage(Diagnostic.Kind.ERROR, PREFIX + message, tree, unit);
    }

    void error(Element element, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, PREFIX + message, element);
    }

    void error(Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, PREFIX + message, element, annotation, value);
    }

    static void errorWithoutTrees(Messager messager, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, PREFIX + message);
    }
}
