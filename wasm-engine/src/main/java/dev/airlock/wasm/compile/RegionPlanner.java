package dev.airlock.wasm.compile;

import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.Opcode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Decides how to split a function whose translation would be too large for one JVM method.
 *
 * <p>Why: HotSpot does not JIT-compile methods over 8000 bytes of bytecode (they stay in the
 * interpreter, 10–50 times slower), C2 inlines little into methods near that size, and the class
 * file caps a method at 64 KiB (JVMS 4.7.3). C compilers, and binaryen's inliner above all, produce
 * Wasm functions whose direct translation is far larger.
 *
 * <p>How: the body is a tree of instruction runs (the function body, the arms of constructs), each
 * a sequence of items (an instruction, or a whole {@code block}/{@code loop}/{@code if} with its
 * contents). Planning works bottom-up with the byte sizes the sizing pass measured:
 * <ol>
 *   <li>each construct's arms are planned first; if the construct is still larger than the budget,
 *       its largest arm becomes a region, then the other;</li>
 *   <li>a run larger than the budget has its largest constructs (those of at least a quarter of the
 *       budget) turned into regions until it fits;</li>
 *   <li>if it still does not fit (long straight-line code), consecutive items are grouped into
 *       regions of at most the budget each, and again if the calls to them are too many.</li>
 * </ol>
 * Every region then compiles to a method within the budget plus a small, bounded overhead. A
 * region's method is described in {@link Region}: Wasm locals live in frame arrays while a split
 * function runs, each method keeping the ones it uses in JVM locals.
 */
final class RegionPlanner {
    /** The JVM type of every region method. */
    static final String REGION_DESCRIPTOR = "([J[Ljava/lang/Object;" + JvmTypes.INSTANCE_DESC + "I)I";

    /** The largest group of two items {@link #chunk} forms even when it exceeds the budget. */
    private static final int PAIR_CAP = CompilerOptions.JIT_LIMIT / 2;

    /** The function being planned. */
    private final FunctionContext fn;
    /** Sizes and translator states from the sizing pass. */
    private final SizingRecord sizing;
    /** Target size of a method's own code, in bytes. */
    private final int budget;
    /** Regions made so far, for naming. */
    private int regionCount;
    /** Transfer slots the plan needs. */
    private int transferSlots;

    private RegionPlanner(FunctionContext fn, SizingRecord sizing, int budget) {
        this.fn = fn;
        this.sizing = sizing;
        this.budget = budget;
    }

    /** The plan: the regions at the top level of the body (with their nested regions), and transfer slots. */
    static final class Plan {
        /** Regions directly in the function's top-level method. */
        final List<Region> regions;
        /** Transfer slots the frame arrays need above the locals. */
        final int transferSlots;

        Plan(List<Region> regions, int transferSlots) {
            this.regions = regions;
            this.transferSlots = transferSlots;
        }
    }

    /** Plans the split of {@code fn} so that each method's own code is about {@code budget} bytes at most. */
    static Plan plan(FunctionContext fn, SizingRecord sizing, int budget) {
        RegionPlanner p = new RegionPlanner(fn, sizing, budget);
        Item body = p.planRun(0, fn.bodyEnd());
        return new Plan(body.regions, Math.max(1, p.transferSlots));
    }

    /**
     * An item of a run while planning: its instruction range, its size in the method that holds
     * the run, and the regions inside it that this method will call.
     */
    private static final class Item {
        final int start;
        final int end;
        int cost;
        List<Region> regions = new ArrayList<>();
        /** Whether the item is a construct (block, loop, if), so could become a region by itself. */
        final boolean construct;

        Item(int start, int end, boolean construct) {
            this.start = start;
            this.end = end;
            this.construct = construct;
        }
    }

    /** Plans the run {@code [from, to)}; returns it as one item (its regions and final cost). */
    private Item planRun(int from, int to) {
        List<Item> items = new ArrayList<>();
        Instruction[] code = fn.code;
        int p = from;
        while (p < to) {
            if (BlockStructure.opens(code[p].opcode)) {
                int end = fn.structure.end[p];
                items.add(planConstruct(p, end));
                p = end + 1;
            } else {
                Item item = new Item(p, p + 1, false);
                item.cost = sizing.size(p, p + 1);
                items.add(item);
                p++;
            }
        }
        int total = sum(items);
        if (total > budget) {
            List<Item> byCost = new ArrayList<>(items);
            byCost.sort(Comparator.comparingInt((Item i) -> i.cost).reversed());
            for (Item item : byCost) {
                if (total <= budget || item.cost < budget / 4) {
                    break; // small items are better grouped into chunks than outlined one by one
                }
                if (!item.construct) {
                    continue;
                }
                int before = item.cost;
                outline(item);
                total += item.cost - before;
            }
        }
        while (total > budget && items.size() > 1) {
            List<Item> chunked = chunk(items);
            if (chunked.size() == items.size()) {
                break;
            }
            items = chunked;
            total = sum(items);
        }
        Item run = new Item(from, to, false);
        run.cost = total;
        for (Item item : items) {
            run.regions.addAll(item.regions);
        }
        return run;
    }

    /** Plans a construct starting at {@code start} whose {@code end} is at {@code end}. */
    private Item planConstruct(int start, int end) {
        Item item = new Item(start, end + 1, true);
        int elseAt = fn.structure.elseAt[start];
        List<Item> arms = new ArrayList<>();
        if (elseAt >= 0) {
            arms.add(planRun(start + 1, elseAt));
            arms.add(planRun(elseAt + 1, end));
        } else {
            arms.add(planRun(start + 1, end));
        }
        int own = sizing.size(start, start + 1) + sizing.size(end, end + 1) + (elseAt >= 0 ? sizing.size(elseAt, elseAt + 1) : 0);
        item.cost = own + sum(arms);
        if (item.cost > budget) {
            List<Item> byCost = new ArrayList<>(arms);
            byCost.sort(Comparator.comparingInt((Item i) -> i.cost).reversed());
            for (Item arm : byCost) {
                if (item.cost <= budget) {
                    break;
                }
                int before = arm.cost;
                outline(arm);
                item.cost += arm.cost - before;
            }
        }
        for (Item arm : arms) {
            item.regions.addAll(arm.regions);
        }
        return item;
    }

    /** Groups consecutive items into regions of at most the budget each. */
    private List<Item> chunk(List<Item> items) {
        List<Item> out = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        int currentCost = 0;
        for (Item item : items) {
            boolean startsReachable = sizing.reachable[item.start];
            if (current.isEmpty() && !startsReachable) {
                out.add(item); // unreachable code: not translated, nothing to move
                continue;
            }
            if (!current.isEmpty() && !fits(current, currentCost, item.cost)) {
                out.add(group(current));
                current = new ArrayList<>();
                currentCost = 0;
                if (!startsReachable) {
                    out.add(item);
                    continue;
                }
            }
            current.add(item);
            currentCost += item.cost;
        }
        if (!current.isEmpty()) {
            out.add(group(current));
        }
        return out;
    }

    /**
     * Whether an item of {@code cost} may join the group being formed. Within the budget, yes; a
     * second item may also join beyond it (up to a fixed cap), so that every grouping pass at least
     * halves the number of items even when calls cost more than half the budget.
     */
    private boolean fits(List<Item> group, int groupCost, int cost) {
        int total = groupCost + cost;
        return total <= budget || group.size() == 1 && total <= PAIR_CAP;
    }

    /** One item for a group of consecutive items: a region, unless the group is a single item. */
    private Item group(List<Item> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        Item group = new Item(items.get(0).start, items.get(items.size() - 1).end, false);
        group.cost = sum(items);
        for (Item item : items) {
            group.regions.addAll(item.regions);
        }
        outline(group);
        return group;
    }

    /**
     * Turns {@code item} into a region; its cost becomes that of calling it. Nothing happens for an
     * empty or unreachable item, or one that is a region already.
     */
    private void outline(Item item) {
        if (item.start == item.end || !sizing.reachable[item.start]) {
            return;
        }
        if (item.regions.size() == 1 && item.regions.get(0).start == item.start && item.regions.get(0).end == item.end) {
            return;
        }
        Region r = new Region(item.start, item.end, CallTargets.methodName(fn.functionIndex) + "$r" + regionCount++);
        r.children.addAll(item.regions);
        describe(r);
        item.regions = new ArrayList<>(List.of(r));
        item.cost = callCost(r);
    }

    /** Fills in a region's stack inputs and outputs, enclosing labels and local use. */
    private void describe(Region r) {
        int entryHeight = StackEntry.height(sizing.stack[r.start]);
        int low = entryHeight;
        Instruction[] code = fn.code;
        int p = r.start;
        while (p < r.end) {
            if (sizing.reachable[p]) {
                Instruction insn = code[p];
                int itemLow;
                if (BlockStructure.opens(insn.opcode)) {
                    int params = insn.blockType().resolve(fn.module.types).paramCount();
                    itemLow = StackEntry.height(sizing.stack[p]) - params - (insn.opcode == Opcode.IF ? 1 : 0);
                } else {
                    itemLow = sizing.lowWater[p];
                }
                low = Math.min(low, itemLow);
            }
            p = BlockStructure.opens(code[p].opcode) ? fn.structure.end[p] + 1 : p + 1;
        }
        int inputs = entryHeight - low;
        r.inputs = StackEntry.topTypes(sizing.stack[r.start], inputs);
        if (r.end < code.length && sizing.reachable[r.end]) {
            int outputs = StackEntry.height(sizing.stack[r.end]) - low;
            r.outputs = StackEntry.topTypes(sizing.stack[r.end], outputs);
        }
        r.enclosing = sizing.frames[r.start];
        for (FrameList l = r.enclosing; l != null; l = l.outer) {
            transferSlots = Math.max(transferSlots, l.frame.labelTypes().length);
        }
        transferSlots = Math.max(transferSlots, r.inputs.length);
        if (r.outputs != null) {
            transferSlots = Math.max(transferSlots, r.outputs.length);
        }
        markLocals(code, r.start, r.end, r.used, r.written);
    }

    /** Sets the locals read or written in {@code [from, to)} in {@code used}, those written in {@code written}. */
    static void markLocals(Instruction[] code, int from, int to, BitSet used, BitSet written) {
        for (int i = from; i < to; i++) {
            Opcode op = code[i].opcode;
            if (op == Opcode.LOCAL_GET) {
                used.set(code[i].index);
            } else if (op == Opcode.LOCAL_SET || op == Opcode.LOCAL_TEE) {
                used.set(code[i].index);
                written.set(code[i].index);
            }
        }
    }

    /** Estimated bytes of a call to {@code r} in the calling method (transfers, local sync, dispatch). */
    private static int callCost(Region r) {
        int outputs = r.outputs == null ? 0 : r.outputs.length;
        return 40 + 14 * r.inputs.length + 10 * r.used.cardinality() + 10 * r.written.cardinality() + 10 * outputs;
    }

    private static int sum(List<Item> items) {
        int s = 0;
        for (Item i : items) {
            s += i.cost;
        }
        return s;
    }
}
