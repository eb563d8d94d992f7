/**
 * The process engine: groups of supervised processes on one event loop, moved through
 * Supervisor's states, and the one ordered stream of events that says what happened.
 *
 * <h2>The boundary: commands in, one view and the event stream out</h2>
 * Everything outside talks to the engine through {@link steward.compat.api.ProcessControl}:
 * <ul>
 * <li><b>Commands</b> (start, stop, signal, add/remove a group, reread, shutdown...) hop onto the
 * loop thread; the engine alone decides whether a process's state allows them
 * ({@link steward.agent.engine.ProcessTable}) and refuses with Supervisor's faults.</li>
 * <li><b>One immutable view</b>, {@link steward.compat.api.EngineView}: after every event
 * {@link steward.agent.engine.EngineViews} (the first on-loop subscriber) publishes a record of all
 * the engine knows (daemon state, identifier, pid, main log, configured groups, each active group
 * with its configuration and each process's info), stamped with the event's serial.
 * {@code view()} is a volatile read from any thread, never a hop; {@code awaitView(condition)}
 * completes on the loop thread with the first view that satisfies the condition. Readers (RPC
 * methods, the web page, metrics, health, supervision, deploy, the orphan reaper) take one view per
 * request or per event and keep no copy of process state.</li>
 * <li><b>The event stream</b>, below, for those who must see every step.</li>
 * </ul>
 *
 * <h2>Hearing events</h2>
 * {@link steward.agent.engine.Engine} is a {@link steward.compat.events.EventSource}:
 * <pre>
 * Subscription s = engine.subscribe(subscriber, Delivery.onLoop("depends_on"), EventType.PROCESS_STATE);
 * Subscription q = engine.subscribe(subscriber, Delivery.queued("metrics", 1000));   // no types: all
 * </pre>
 * Every event ({@code EngineEvent}: process state changes with from/expected/pid/tries, process
 * log output when {@code *_events_enabled}, group added/removed, supervisor running/stopping,
 * TICK_5/60/3600 on the loop's clock, remote communication) is published on the loop thread once
 * the state it reports is complete, with a serial number from 1, and reaches every subscriber in
 * the same order. An event published while another is being delivered waits for it.
 * <ul>
 * <li>{@code Delivery.onLoop}: called on the engine's thread as the event is published; may call
 * the engine (start a process, read {@code view()}: it already shows the event), must never block. For the status
 * snapshot, gates, counters.</li>
 * <li>{@code Delivery.queued(name, capacity)}: a bounded queue of its own, delivered on the one
 * shared {@code steward-events} thread (started with the first queued subscriber); when full,
 * events are dropped, counted ({@code Subscription.dropped()}) and logged. For anything that may
 * block (I/O, a network peer).</li>
 * </ul>
 * To act on the current state and then on every change without a gap, subscribe on the loop
 * ({@code engine.onLoop(() -> { subscribe; read view(); })}). {@code sendRemoteCommEvent} publishes
 * REMOTE_COMMUNICATION (the RPC method already calls it).
 *
 * <h2>The main log's state lines</h2>
 * supervisord's lines for state changes ({@code spawned: 'web' with pid 42}, {@code success: ...},
 * {@code exited: web (exit status 1; not expected)}, {@code gave up: ...}, {@code stopped: ...},
 * {@code spawnerr: ...}) are written by {@link steward.agent.engine.StateLines}, an on-loop
 * subscriber the engine registers before any other, from the events alone: each
 * {@code ProcessStateChanged} carries in {@code detail} the cause the line names (the exit's
 * description, the spawn error), which no listener payload renders. Being first, a line lands
 * right after its change is announced and before anyone reacts to it (a dependant started on
 * RUNNING logs its {@code spawned:} after the {@code success:} that caused it). Warnings and debug
 * lines about actions (killing with SIGKILL, already running) stay in {@code ProcessActions}:
 * they are not state changes.
 *
 * <h2>Hooks for other parts ({@link steward.agent.engine.ProcessHooks}, in {@code Engine.Options})</h2>
 * <ul>
 * <li>{@code output(ref, config, standard)}: the process's {@link steward.agent.engine.OutputHandler}.
 * It gets every chunk of stdout/stderr, the pid and a non-blocking {@link
 * steward.agent.engine.ProcessStdin} at each spawn, and a call when the process was reaped (its
 * output drained first). Return {@code standard} (log files + PROCESS_LOG events) or wrap/replace
 * it: an event listener's protocol channel, capture mode.</li>
 * <li>{@code stdinFd(ref, config)}: an fd dup'ed as the child's stdin instead of a pipe
 * (fcgi-program's listening socket); the engine never closes it.</li>
 * <li>{@code mayStart(ref)}: a start gate for autostart; a process held back stays STOPPED until
 * {@code Engine.retryGated()} finds the gate open (call it from an on-loop subscriber);
 * {@code heldBecause(ref)} is the spawnerr it shows meanwhile.</li>
 * <li>{@code mayRun(ref)}: readiness. A STARTING process whose {@code startsecs} are over enters
 * RUNNING only when it allows; one held back waits for {@code Engine.readiness(ref, null)} (enter
 * RUNNING) or {@code Engine.readiness(ref, reason)} (killed, a failed start: BACKOFF, retry or
 * FATAL). So RUNNING means ready for everything that waits on it ({@code start}, health, deploys).</li>
 * <li>{@code environment(ref, config)}: variables added at each spawn ({@code NOTIFY_SOCKET});
 * {@code statusText(ref)}: a line shown in the process' description ({@code STATUS=}).</li>
 * <li>{@code holdStop(ref, config, pid)}: a socket program's detached child gets its stop signal
 * once the future completes (held sockets: its keep-alive connections ended) or {@code drainsecs} passed.</li>
 * </ul>
 * Shutdown and reload stop dependants ({@code depends_on}) before what they depend on, then by
 * priority ({@code DependencyLevels}). The {@code supervision} package is the user of these.
 * Compose several with {@code ProcessHooks.all(List)}.
 *
 * <h2>The state machine</h2>
 * {@link steward.agent.engine.ProcessTable} lists, per state, the triggers it answers, the named
 * action each runs ({@link steward.agent.engine.ProcessActions}) and the state it goes to next; a command in a state with
 * no row is refused with Supervisor's fault. A new kind of event is a {@code Trigger} constant and
 * a few rows, as readiness was: {@code READY} (STARTING: {@code RUN_IF_HELD}, RUNNING once startsecs
 * are over too) and {@code READY_TIMEOUT} (STARTING: {@code KILL_NOT_READY}, whose exit backs off
 * like a failed start), fired by the ready checks through {@code Engine.readiness}
 * ({@code ReadinessTableTest}). {@code ProcessTableTest} has one case per
 * cell, on a hand-moved clock ({@code ManualScheduler}) with fake children ({@code FakeSpawner}).
 */
package steward.agent.engine;
