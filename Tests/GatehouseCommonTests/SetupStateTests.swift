import GatehouseCommon
import Synchronization
import Testing

struct SetupStateTests {
    @Test func updatesApplyUntilFrozenThenTheSnapshotIsFixed() {
        let state = SetupState([1], owner: "Test")
        state.update("append") { $0.append(2) }
        #expect(state.current == [1, 2])
        #expect(!state.isFrozen)
        #expect(state.frozenSnapshot == nil)
        let snapshot = state.freeze { $0.append(3) }
        #expect(snapshot.value == [1, 2, 3])
        #expect(state.isFrozen)
        #expect(state.current == [1, 2, 3])
        #expect(state.frozenSnapshot === snapshot)
        // Freezing again changes nothing and does not run the finishing step.
        #expect(state.freeze { $0.append(4) } === snapshot)
        #expect(state.snapshot.value == [1, 2, 3])
    }

    @Test func readingTheSnapshotFreezes() {
        let state = SetupState("setup", owner: "Test")
        #expect(state.snapshot.value == "setup")
        #expect(state.isFrozen)
    }

    @Test func concurrentFreezersAllGetTheOneSnapshot() async {
        let state = SetupState(0, owner: "Test")
        let finishes = Counter()
        let snapshots = await withTaskGroup(of: SetupState<Int>.Snapshot.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    state.freeze { value in
                        finishes.increment()
                        value = 7
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(finishes.value == 1)
        #expect(snapshots.allSatisfy { $0 === snapshots[0] && $0.value == 7 })
    }

    @Test func aChangeAfterFreezingStopsTheProcessNamingIt() async {
        await #expect(processExitsWith: .failure) {
            let state = SetupState(0, owner: "Test")
            state.freeze()
            state.update("register a late grant") { $0 += 1 }
        }
    }
}

/// A count shared with escaping closures.
private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }
    func increment() { count.add(1, ordering: .relaxed) }
}
