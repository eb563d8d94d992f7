<?php
namespace Greeting;

final class Greeting
{
    public static function hello(string $who): string
    {
        return "hello, $who, from the greeting package";
    }
}
