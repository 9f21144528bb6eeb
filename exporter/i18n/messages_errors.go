package i18n

// Codes of error lines and the advice added to them.
const (
	ErrorLine       Code = "error.line"
	Interrupted     Code = "error.interrupted"
	InterruptedNote Code = "error.interrupted_note"
	ResumeNote      Code = "error.resume"
	AdviceDNS       Code = "advice.dns"
	AdviceRefused   Code = "advice.refused"
	AdviceOffline   Code = "advice.offline"
	AdviceTimeout   Code = "advice.timeout"
	AdviceTheSite   Code = "advice.the_site"
	AdviceLine      Code = "advice.line"
	BadLang         Code = "error.bad_lang"
)

func errorMessages() []Message {
	return []Message{
		{ErrorLine, "farewell: error: {message}", "farewell：出错：{message}"},
		{Interrupted, "interrupted", "已中断"},
		{InterruptedNote, "interrupted: {note}", "已中断：{note}"},
		{ResumeNote, "what was done is kept; run the same command again and it continues where it stopped",
			"已完成的部分都保留着；再运行一次同样的命令，会从中断处继续"},
		{AdviceDNS, "the name {host} could not be looked up: check that this computer is online (does the site open in a browser?) and that no VPN or proxy is half-connected, then run the same command again",
			"无法解析域名 {host}：请检查这台电脑是否联网（浏览器能打开这个网站吗？），以及 VPN 或代理是否连接正常，然后再运行一次同样的命令"},
		{AdviceRefused, "nothing answered at {host}: check the internet connection, and that a firewall, proxy or VPN does not block it (for demo and replica: that farewell's local replica is still running), then run the same command again",
			"{host} 没有响应：请检查网络连接，以及防火墙、代理或 VPN 是否拦截了它（demo 和 replica：farewell 的本地模拟站点是否还在运行），然后再运行一次同样的命令"},
		{AdviceOffline, "this computer is not connected to the internet: connect, then run the same command again",
			"这台电脑没有联网：请联网后再运行一次同样的命令"},
		{AdviceTimeout, "{host} did not answer in time: check the internet connection (a slow or blocked network, a proxy or VPN), then run the same command again; what was done is kept",
			"{host} 响应超时：请检查网络连接（网络慢或被拦截、代理或 VPN），然后再运行一次同样的命令；已完成的部分都保留着"},
		{AdviceTheSite, "the site", "网站"},
		{AdviceLine, "{advice} ({error})", "{advice}（{error}）"},
		{BadLang, "--lang {value}: use zh or en", "--lang {value}：请使用 zh 或 en"},
	}
}
