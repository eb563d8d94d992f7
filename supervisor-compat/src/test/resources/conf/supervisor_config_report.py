"""Prints Supervisor's own view of a config file as the JSON Steward's ConfigReport renders.

Usage: /usr/bin/python3 supervisor_config_report.py FILE
Loads FILE with the installed Supervisor's ServerOptions (its real parser), then renders each
process config with the keys of rpcinterface.getAllConfigInfo (4.2.5) minus 'inuse', plus
autorestart, stopasgroup, environment and umask; None -> "none", Automatic -> "auto".
"""
import json
import sys

from supervisor.datatypes import Automatic, RestartUnconditionally, RestartWhenExitUnexpected
from supervisor.options import ServerOptions


def autorestart(value):
    if value is RestartUnconditionally:
        return "true"
    if value is RestartWhenExitUnexpected:
        return "unexpected"
    if value is False:
        return "false"
    raise AssertionError("unknown autorestart %r" % (value,))


def main(path):
    options = ServerOptions()
    options.configfile = path
    options.process_config(do_usage=False)
    rows = []
    for gconfig in options.process_group_configs:
        for pconfig in gconfig.process_configs:
            d = {'autostart': pconfig.autostart,
                 'directory': pconfig.directory,
                 'uid': pconfig.uid,
                 'command': pconfig.command,
                 'exitcodes': pconfig.exitcodes,
                 'group': gconfig.name,
                 'group_prio': gconfig.priority,
                 'killasgroup': pconfig.killasgroup,
                 'name': pconfig.name,
                 'process_prio': pconfig.priority,
                 'redirect_stderr': pconfig.redirect_stderr,
                 'startretries': pconfig.startretries,
                 'startsecs': pconfig.startsecs,
                 'stdout_capture_maxbytes': pconfig.stdout_capture_maxbytes,
                 'stdout_events_enabled': pconfig.stdout_events_enabled,
                 'stdout_logfile': pconfig.stdout_logfile,
                 'stdout_logfile_backups': pconfig.stdout_logfile_backups,
                 'stdout_logfile_maxbytes': pconfig.stdout_logfile_maxbytes,
                 'stdout_syslog': pconfig.stdout_syslog,
                 'stopsignal': int(pconfig.stopsignal),
                 'stopwaitsecs': pconfig.stopwaitsecs,
                 'stderr_capture_maxbytes': pconfig.stderr_capture_maxbytes,
                 'stderr_events_enabled': pconfig.stderr_events_enabled,
                 'stderr_logfile': pconfig.stderr_logfile,
                 'stderr_logfile_backups': pconfig.stderr_logfile_backups,
                 'stderr_logfile_maxbytes': pconfig.stderr_logfile_maxbytes,
                 'stderr_syslog': pconfig.stderr_syslog,
                 'serverurl': pconfig.serverurl,
                 # Steward's additions
                 'autorestart': autorestart(pconfig.autorestart),
                 'stopasgroup': pconfig.stopasgroup,
                 'environment': pconfig.environment,
                 'umask': pconfig.umask,
                 }
            d.update((k, 'auto') for k, v in d.items() if v is Automatic)
            d.update((k, 'none') for k, v in d.items() if v is None)
            rows.append(d)
    rows.sort(key=lambda r: (r['group'], r['name']))
    sys.stdout.write(json.dumps(rows, sort_keys=True, separators=(',', ':'), ensure_ascii=False))


if __name__ == '__main__':
    main(sys.argv[1])
