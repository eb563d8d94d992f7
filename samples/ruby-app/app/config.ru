require "greeting"

run lambda { |env|
  [200, { "content-type" => "text/plain" }, ["Hello from ruby on Steward: #{Greeting.hello('www')} (RACK_ENV #{ENV['RACK_ENV']})\n"]]
}
