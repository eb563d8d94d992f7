use strict;
use warnings;
use Greeting;

my $app = sub {
    return [200, ['Content-Type' => 'text/plain'], ["Hello from perl on Steward: " . Greeting::hello('www') . "\n"]];
};
