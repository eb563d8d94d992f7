<?php
// The composer package is a path repository in the tree (no Packagist here); composer install
// puts it in vendor/ and its autoloader finds it.
require __DIR__ . '/vendor/autoload.php';
header('Content-Type: text/plain');
echo "Hello from php on Steward: " . \Greeting\Greeting::hello('www') . "\n";
echo "memory_limit " . ini_get('memory_limit') . "\n";
