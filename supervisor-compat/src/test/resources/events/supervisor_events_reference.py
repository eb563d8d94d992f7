"""Supervisor 4.2.5's own event code (the apt package) run on test cases, for EventsDifferentialTest.

Usage: /usr/bin/python3 supervisor_events_reference.py < cases.json > results.json
Input: {"payloads": [...], "protocol": [...], "capture": [...]} (see EventsDifferentialTest).
Bytes travel as latin-1 strings. Output: the same lists with Supervisor's answers.
"""
import json
import sys

from supervisor import events
from supervisor import loggers
from supervisor.dispatchers import PEventListenerDispatcher, POutputDispatcher, default_handler
from supervisor.process import EventListenerPool
from supervisor.rpcinterface import SupervisorNamespaceRPCInterface
from supervisor.states import ProcessStates, getEventListenerStateDescription
from supervisor.tests.base import DummyOptions, DummyPConfig, DummyProcess, DummyPGroupConfig


def b(s):
    return s.encode('latin-1')


def process(name, group, pid, backoff=0, **config):
    options = DummyOptions()
    pconfig = DummyPConfig(options, name, '/bin/true', **config)
    proc = DummyProcess(pconfig)
    proc.pid = pid
    proc.backoff = backoff
    gconfig = DummyPGroupConfig(options, name=group)
    gconfig.result_handler = default_handler
    proc.group = type('G', (), {'config': gconfig})()
    return proc


def payload_event(c):
    kind = c['kind']
    if kind == 'state':
        p = process(c['name'], c['group'], c['pid'], backoff=c['tries'])
        cls = getattr(events.EventTypes, 'PROCESS_STATE_' + c['to'])
        return cls(p, getattr(ProcessStates, c['from']), expected=c['expected'])
    if kind in ('log', 'comm'):
        p = process(c['name'], c['group'], c['pid'])
        base = 'PROCESS_LOG_' if kind == 'log' else 'PROCESS_COMMUNICATION_'
        cls = getattr(events.EventTypes, base + c['stream'].upper())
        return cls(p, c['pid'], b(c['data']))
    if kind == 'group':
        cls = events.ProcessGroupAddedEvent if c['added'] else events.ProcessGroupRemovedEvent
        return cls(c['group'])
    if kind == 'supervisor':
        return events.SupervisorRunningEvent() if c['running'] else events.SupervisorStoppingEvent()
    if kind == 'tick':
        return getattr(events.EventTypes, 'TICK_%d' % c['period'])(c['when'], None)
    if kind == 'remote':
        # the event supervisor.sendRemoteCommEvent publishes for these arguments
        captured = []
        events.subscribe(events.RemoteCommunicationEvent, captured.append)
        SupervisorNamespaceRPCInterface(None).sendRemoteCommEvent(c['type'], c['data'])
        events.unsubscribe(events.RemoteCommunicationEvent, captured.append)
        return captured[0]
    raise ValueError(kind)


def payloads(cases):
    out = []
    for c in cases:
        event = payload_event(c)
        pool = type('P', (), {})()
        pool.config = type('C', (), {})()
        pool.config.name = 'pool'
        pool.config.options = type('O', (), {'identifier': 'supervisor'})()
        envelope = EventListenerPool._eventEnvelope(pool, event.__class__, 7, 3, event.payload())
        out.append(envelope.encode('utf-8').decode('latin-1'))
    return out


def protocol(cases):
    out = []
    for steps in cases:
        proc = process('listener', 'pool', 42)
        rejected = []
        callback = lambda e: rejected.append(e.event)
        events.subscribe(events.EventRejectedEvent, callback)
        dispatcher = PEventListenerDispatcher(proc, 'stdout', 0)
        trace = []
        for step in steps:
            proc.config.options.logger.data = []
            if step.startswith('send:'):
                proc.listener_state = 20  # BUSY, as EventListenerPool._dispatchEvent sets it
                proc.event = step[5:]
            elif step == 'exit':
                if proc.event is not None:
                    events.notify(events.EventRejectedEvent(proc, proc.event))
                    proc.event = None
            else:
                proc.config.options.readfd = lambda fd, data=b(step): data
                dispatcher.handle_read_event()
            trace.append({'state': getEventListenerStateDescription(proc.listener_state),
                          'rejected': list(rejected),
                          'log': [m for m in proc.config.options.logger.data if ' output:\n' not in m]})
            del rejected[:]
        events.unsubscribe(events.EventRejectedEvent, callback)
        out.append(trace)
    return out


def capture(cases):
    out = []
    for c in cases:
        proc = process('talker', 'talker', 9, stdout_capture_maxbytes=c['maxbytes'], stdout_events_enabled=True)
        proc.config.options.getLogger = loggers.getLogger
        pieces = []
        dispatcher = POutputDispatcher(proc, events.ProcessCommunicationStdoutEvent, 0)

        def on_log(e):
            pieces.append({'kind': 'output', 'data': e.data.decode('latin-1'), 'captured': dispatcher.capturemode})

        def on_comm(e):
            pieces.append({'kind': 'comm', 'data': e.data.decode('latin-1')})
        events.subscribe(events.ProcessLogStdoutEvent, on_log)
        events.subscribe(events.ProcessCommunicationStdoutEvent, on_comm)
        trace = []
        for chunk in c['chunks']:
            proc.config.options.readfd = lambda fd, data=b(chunk): data
            dispatcher.handle_read_event()
            trace.append(list(pieces))
            del pieces[:]
        events.unsubscribe(events.ProcessLogStdoutEvent, on_log)
        events.unsubscribe(events.ProcessCommunicationStdoutEvent, on_comm)
        out.append(trace)
    return out


def main():
    cases = json.load(sys.stdin)
    json.dump({'payloads': payloads(cases.get('payloads', [])),
               'protocol': protocol(cases.get('protocol', [])),
               'capture': capture(cases.get('capture', []))}, sys.stdout, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


if __name__ == '__main__':
    main()
