package io.github.sourcegrad.processor.write;

import com.palantir.javapoet.ClassName;
import io.github.sourcegrad.processor.ad.Planner.Plan;
import io.github.sourcegrad.processor.ir.CustomCallee;
import io.github.sourcegrad.processor.ir.Function;
import io.github.sourcegrad.processor.ir.LibraryCallee;
import io.github.sourcegrad.processor.ir.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of everything generated, decided for all companions before any is written, so a caller knows
 * what its callee's companion calls its methods and records.
 */
public final class Catalog {

    /**
     * How one function's gradients are reached from generated code. {@code fullMethod} is null without a full
     * variant. A {@code library} entry is compiled separately: only its {@code method} and {@code record} exist
     * (its entry point), and its plan has a function without body and no adjoints.
     */
    record Entry(Plan plan, ClassName companion, String method, ClassName record, String fullMethod, ClassName fullRecord,
            boolean library) {}

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<TypeRef, List<Entry>> byOwner = new LinkedHashMap<>();
    /** The record of each forward-mode method ({@code FTangent} for {@code f}), by the key of its function. */
    private final Map<String, ClassName> tangentRecords = new HashMap<>();

    /** {@code plans} in declaration order within each class, which fixes how overloads are numbered. */
    public Catalog(Map<String, Plan> plans) {
        this(plans, List.of());
    }

    /** Also the methods compiled separately that {@code plans} call, each through its companion's entry point. */
    public Catalog(Map<String, Plan> plans, java.util.Collection<LibraryCallee> libraries) {
        this(plans, libraries, Set.of());
    }

    /**
     * Also the forward-mode methods {@code jvp<name>} of the functions whose keys are in {@code forward}: their records
     * are named after the gradient records, so adding them renames none of those.
     */
    public Catalog(Map<String, Plan> plans, java.util.Collection<LibraryCallee> libraries, Set<String> forward) {
        this(plans, libraries, forward, List.of());
    }

    /**
     * Also the methods of this compilation with a hand-written derivative, {@code customs}: each gets an entry point in
     * its class's companion (a class with no {@code @Differentiable} method gets a companion for them alone), named
     * after the gradient records so that adding one renames none of those, and its callers call it as they call a library.
     */
    public Catalog(Map<String, Plan> plans, java.util.Collection<LibraryCallee> libraries, Set<String> forward,
            java.util.Collection<CustomCallee> customs) {
        for (LibraryCallee library : libraries) {
            ClassName companion = ClassName.get(library.companion().packageName(), library.companion().simpleNames().get(0));
            entries.put(library.function().signature().key(), new Entry(new Plan(library.function(), null, null, null, null),
                    companion, library.method(), companion.nestedClass(library.record()), null, null, true));
        }
        Map<TypeRef, List<Plan>> grouped = new LinkedHashMap<>();
        plans.values().forEach(p -> grouped.computeIfAbsent(p.function().signature().owner(), o -> new ArrayList<>()).add(p));
        customs.forEach(c -> grouped.computeIfAbsent(c.function().signature().owner(), o -> new ArrayList<>()));
        grouped.forEach((owner, ownerPlans) -> {
            TypeRef companionRef = owner.companion();
            ClassName companion = ClassName.get(companionRef.packageName(), companionRef.simpleNames().get(0));
            Set<String> typeNames = new HashSet<>(Set.of(companion.simpleName()));
            Set<String> methodNames = new HashSet<>();
            ownerPlans.forEach(p -> methodNames.add("d" + p.function().name()));
            Map<Plan, String> recordNames = new java.util.IdentityHashMap<>(); // a plan's own hash walks all its code
            for (Plan plan : ownerPlans) {
                recordNames.put(plan, unique(typeNames, capitalize(plan.function().name()) + "Gradient"));
            }
            List<Entry> list = new ArrayList<>();
            for (Plan plan : ownerPlans) {
                Function f = plan.function();
                String fullMethod = null;
                ClassName fullRecord = null;
                if (plan.full() != null) {
                    String base = "d" + f.name() + "WrtAll";
                    fullMethod = methodNames.contains(base) ? base + "_" : base;
                    fullRecord = companion.nestedClass(unique(typeNames, capitalize(f.name()) + "WrtAllGradient"));
                }
                Entry entry = new Entry(plan, companion, "d" + f.name(), companion.nestedClass(recordNames.get(plan)), fullMethod, fullRecord, false);
                entries.put(f.signature().key(), entry);
                list.add(entry);
            }
            for (Plan plan : ownerPlans) {
                String key = plan.function().signature().key();
                if (forward.contains(key)) {
                    tangentRecords.put(key, companion.nestedClass(unique(typeNames, capitalize(plan.function().name()) + "Tangent")));
                }
            }
            byOwner.put(owner, list);
            companions.put(owner, companion);
            for (CustomCallee custom : customs) {
                Function f = custom.function();
                if (f.signature().owner().equals(owner)) {
                    Entry entry = new Entry(new Plan(f, null, null, null, null), companion, "d" + f.name(),
                            companion.nestedClass(unique(typeNames, capitalize(f.name()) + "Gradient")), null, null, true);
                    entries.put(f.signature().key(), entry);
                    customKeys.add(f.signature().key());
                    openCustoms.put(f.signature().key(), custom);
                    this.customs.computeIfAbsent(owner, o -> new ArrayList<>()).add(new Custom(custom, entry));
                }
            }
        });
    }

    /** A method with a hand-written derivative and the names of its entry point. */
    record Custom(CustomCallee callee, Entry entry) {}

    /** The companion of each class, whether it has {@code @Differentiable} methods or only custom derivatives. */
    private final Map<TypeRef, ClassName> companions = new HashMap<>();
    private final Map<TypeRef, List<Custom>> customs = new HashMap<>();

    ClassName companion(TypeRef owner) {
        return companions.get(owner);
    }

    /** True when {@code entry} is a method with a hand-written derivative ({@code @CustomDerivative}). */
    boolean isCustom(Entry entry) {
        return entry != null && customKeys.contains(entry.plan().function().signature().key());
    }

    private final Set<String> customKeys = new HashSet<>();

    /**
     * True when the value of {@code call}, whose derivative is not needed, comes from the callee itself rather than its
     * entry point: a method with a {@code @CustomDerivative} that generated code in {@code fromPackage} can call, so
     * that its pullback does not run for nothing.
     */
    boolean callsItself(io.github.sourcegrad.processor.ir.Instruction.Call call, String fromPackage) {
        CustomCallee custom = openCustoms.get(call.callee().key());
        return custom != null && (custom.open() || call.callee().owner().packageName().equals(fromPackage));
    }

    private final Map<String, CustomCallee> openCustoms = new HashMap<>();

    /** The methods of {@code owner} with a hand-written derivative, in declaration order. */
    List<Custom> customs(TypeRef owner) {
        return customs.getOrDefault(owner, List.of());
    }

    Entry entry(String calleeKey) {
        return entries.get(calleeKey);
    }

    /** The record of {@code entry}'s forward-mode method, or null when it has none. */
    ClassName tangentRecord(Entry entry) {
        return tangentRecords.get(entry.plan().function().signature().key());
    }

    /** The forward-mode method of {@code f}: {@code jvp} and its name as written. */
    static String jvpName(Function f) {
        return "jvp" + f.name();
    }

    Map<TypeRef, List<Entry>> byOwner() {
        return byOwner;
    }

    private static String unique(Set<String> taken, String base) {
        String name = base;
        for (int k = 2; !taken.add(name); k++) {
            name = base + k;
        }
        return name;
    }

    private static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
