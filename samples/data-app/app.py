#!/usr/bin/python3
"""The data services sample: finds each data service through the DOTCLOUD_* keys dotCloud wrote
into every service's environment, and writes or reads one value in it.

  app.py write KIND VALUE [SERVICE]   KIND: redis, sql (postgresql), postgis, mysql, amqp (rabbitmq), memcached, smtp
  app.py read KIND [SERVICE]          prints the value written, exits 1 when it is not there

SERVICE (the data service's name in dotcloud.yml) picks DOTCLOUD_<SERVICE>_<PORT>_*; without it the
first DOTCLOUD_*_<PORT>_URL of the kind's port is used (the port names are dotCloud's: REDIS, SQL,
MYSQL; Steward's AMQP, MEMCACHED, SMTP). Clients are
Debian's python3-redis, python3-psycopg2, python3-pymysql, python3-pika and python3-pymemcache.
"""
import os
import sys

PORTS = {"redis": "REDIS", "sql": "SQL", "postgis": "SQL", "mysql": "MYSQL", "amqp": "AMQP",
         "memcached": "MEMCACHED", "smtp": "SMTP"}


def service(kind, name=None):
    port = PORTS[kind]
    start = "DOTCLOUD_" + (name.upper() + "_" if name else "")
    for key in sorted(os.environ):
        if key.startswith(start) and key.endswith("_" + port + "_URL"):
            prefix = key[:-len("URL")]
            env = {k[len(prefix):].lower(): os.environ[k] for k in os.environ if k.startswith(prefix)}
            env["port"] = int(env["port"])
            return env
    sys.exit("no DOTCLOUD_*_%s_URL in the environment" % port)


def redis_store(s, value):
    import redis
    r = redis.Redis(host=s["host"], port=s["port"], password=s["password"])
    if value is not None:
        r.set("steward-sample", value)
        return value
    v = r.get("steward-sample")
    return v.decode() if v is not None else None


def sql_store(s, value, gis=False):
    import psycopg2
    c = psycopg2.connect(host=s["host"], port=s["port"], user=s["login"], password=s["password"], dbname="postgres")
    c.autocommit = True
    cur = c.cursor()
    if value is not None:
        if gis:
            cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            cur.execute("CREATE TABLE IF NOT EXISTS sample (v text, g geometry(Point, 4326))")
            cur.execute("INSERT INTO sample VALUES (%s, ST_SetSRID(ST_MakePoint(2.35, 48.85), 4326))", (value,))
        else:
            cur.execute("CREATE TABLE IF NOT EXISTS sample (v text)")
            cur.execute("INSERT INTO sample VALUES (%s)", (value,))
        return value
    cur.execute("SELECT v%s FROM sample" % (", ST_X(g)" if gis else ""))
    rows = cur.fetchall()
    return rows[-1][0] if rows else None


def mysql_store(s, value):
    import pymysql
    c = pymysql.connect(host=s["host"], port=s["port"], user=s["login"], password=s["password"], autocommit=True)
    cur = c.cursor()
    if value is not None:
        cur.execute("CREATE DATABASE IF NOT EXISTS sample")
        cur.execute("CREATE TABLE IF NOT EXISTS sample.sample (v varchar(200)) ENGINE=InnoDB")
        cur.execute("INSERT INTO sample.sample VALUES (%s)", (value,))
        return value
    cur.execute("SELECT v FROM sample.sample")
    rows = cur.fetchall()
    return rows[-1][0] if rows else None


def amqp_store(s, value):
    import pika
    params = pika.ConnectionParameters(host=s["host"], port=s["port"],
                                       credentials=pika.PlainCredentials(s["login"], s["password"]))
    conn = pika.BlockingConnection(params)
    ch = conn.channel()
    ch.queue_declare(queue="steward-sample", durable=True)
    if value is not None:
        ch.confirm_delivery()
        ch.basic_publish(exchange="", routing_key="steward-sample", body=value.encode(),
                         properties=pika.BasicProperties(delivery_mode=2))
        conn.close()
        return value
    method, _, body = ch.basic_get(queue="steward-sample")
    if method is None:
        conn.close()
        return None
    ch.basic_nack(method.delivery_tag, requeue=True)  # read, and leave it for the next reader
    conn.close()
    return body.decode()


def memcached_store(s, value):
    from pymemcache.client.base import Client
    c = Client((s["host"], s["port"]))
    if value is not None:
        c.set("steward-sample", value)
        return value
    v = c.get("steward-sample")
    return v.decode() if v is not None else None


def smtp_store(s, value):
    import smtplib
    if value is None:
        sys.exit("smtp: mail is sent, not read back")
    with smtplib.SMTP(s["host"], s["port"], timeout=10) as m:
        m.sendmail("app@example.com", ["someone@example.com"],
                   "From: app@example.com\r\nTo: someone@example.com\r\nSubject: %s\r\n\r\n%s\r\n" % (value, value))
    return value


def store(kind, value, name=None):
    s = service(kind, name)
    if kind == "redis":
        return redis_store(s, value)
    if kind in ("sql", "postgis"):
        return sql_store(s, value, gis=kind == "postgis")
    if kind == "mysql":
        return mysql_store(s, value)
    if kind == "amqp":
        return amqp_store(s, value)
    if kind == "memcached":
        return memcached_store(s, value)
    return smtp_store(s, value)


def main(argv):
    if len(argv) < 3 or argv[1] not in ("write", "read") or argv[2] not in PORTS:
        sys.exit(__doc__)
    write = argv[1] == "write"
    if write and len(argv) < 4:
        sys.exit(__doc__)
    name = argv[4] if write and len(argv) > 4 else argv[3] if not write and len(argv) > 3 else None
    value = store(argv[2], argv[3] if write else None, name)
    if value is None:
        print("nothing there")
        return 1
    print(value)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
