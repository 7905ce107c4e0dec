package io.github.sourcegrad.processor.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The members of classes (inherited ones included) by simple name, each class's read from javac once and shared
 * by the resolvers of all methods of one round: looking a name up is then a hash lookup, where scanning every
 * member for every name a body uses would make a class of {@code n} methods cost {@code n^2}.
 */
public final class MemberIndex {
    private final Elements elements;
    private final Map<TypeElement, Map<String, List<Element>>> byType = new HashMap<>();

    public MemberIndex(Elements elements) {
        this.elements = elements;
    }

    /** The members of {@code type} named {@code name}, in the order of {@link Elements#getAllMembers}. */
    List<Element> named(TypeElement type, String name) {
        return byType.computeIfAbsent(type, this::index).getOrDefault(name, List.of());
    }

    private Map<String, List<Element>> index(TypeElement type) {
        Map<String, List<Element>> index = new HashMap<>();
        for (Element member : elements.getAllMembers(type)) {
            index.computeIfAbsent(member.getSimpleName().toString(), n -> new ArrayList<>(1)).add(member);
        }
        return index;
    }
}
