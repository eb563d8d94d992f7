module Greeting
  def self.hello(who)
    "hello, #{who}, from the greeting gem"
  end
end
