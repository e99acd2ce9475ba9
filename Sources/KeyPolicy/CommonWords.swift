/// Words that people put into keys and passwords they make up by hand, and placeholders that
/// documentation uses for keys. The structure estimator looks for each, forwards and backwards,
/// in plain and leet spelling; all are lowercase ASCII letters.
public let commonWords: [String] = """
    password passwd pass secret letmein welcome admin administrator root superuser sysadmin
    login logon access default changeme guest user username account private public token
    apikey sitekey authx bearer secure security system server database mysql mariadb master
    shadow dragon monkey sunshine princess football baseball soccer hockey superman batman
    trustno iloveyou love lover lovely freedom liberty justice peace happy lucky magic mystery
    matrix phoenix thunder lightning storm rainbow forever always never nothing something
    whatever please thanks thank hello goodbye world helloworld computer internet online
    office company business manager management market money bank finance invoice payment
    drupal wordpress joomla backdrop civicrm civi contact contacts member members membership
    donor donors donate donation charity event events mailing campaign staff volunteer
    church school college university club union party foundation association society
    community network support service services customer client partner team group
    summer winter spring autumn january february march april june july august september
    october november december monday tuesday wednesday thursday friday saturday sunday
    black white green blue orange purple yellow silver golden gold diamond crystal
    star starwars pokemon ninja killer hunter ranger tiger lion eagle falcon wolf bear horse
    dolphin panther cobra viper spider apple banana cherry lemon coffee cookie chocolate pizza
    cheese flower angel jesus christ heaven blessed michael jennifer jordan thomas robert
    daniel andrew joshua jessica ashley charlie george harley maggie buster ginger pepper
    tigger nascar mustang ferrari porsche corvette camaro yamaha google facebook twitter
    microsoft windows linux ubuntu debian apache nginx docker github gitlab oracle cisco
    samsung iphone android playstation nintendo xbox minecraft fortnite london paris berlin
    newyork chicago boston america canada england france germany australia india china
    japan mexico brazil africa europe your yourkey yourapikey mykey myapikey insert here
    replace replaceme placeholder dummy fake foobar lorem ipsum dolor todo fixme none null
    undefined empty random generated generate string value example sample test testing
    tester demo insecure unsafe temp temporary abcd qwerty asdf zxcv blah hunter2 letme
    open sesame opensesame batman robin wizard warrior knight legend hero alpha beta gamma
    delta omega sigma zeta kappa lambda echo bravo foxtrot golf hotel india kilo lima mike
    november oscar papa quebec romeo sierra tango uniform victor whiskey yankee zulu
    one two three four five six seven eight nine ten zero hundred thousand million first
    second third number numbers letter letters digit digits character characters length
    long short strong weak hard easy simple basic super ultra mega hyper power energy
    red pink brown grey gray cyan magenta violet indigo
    """.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.allSatisfy(\.isLetter) }

/// Keys that appear as examples in public documentation and tutorials. A key on this list is
/// known to everyone who can read, whatever its structure.
public let wellKnownSampleKeys: [String] = [
    "abcdefghijklmnopqrstuvwxyz012345",
    "0123456789abcdef0123456789abcdef",
    "yourapikeyhere",
    "YOUR_API_KEY",
    "myapikey",
    "changeme",
    "1234567890abcdefghij",
    "abc123abc123abc123abc123",
]
