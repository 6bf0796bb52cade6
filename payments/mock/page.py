"""The mock platform's payment page, as a bank gateway shows it (Vietnamese): the merchant, the order, the
amount, and three buttons (pay, make it fail, cancel). Its own process, its own inline style: it is not a
page of the portal."""

from __future__ import annotations

import time
from html import escape

STYLE = """
*{box-sizing:border-box}body{margin:0;font-family:"Segoe UI",Roboto,Arial,sans-serif;background:#eef2f7;color:#1c2733}
header{background:#b3261e;color:#fff;padding:14px 20px;display:flex;align-items:center;gap:12px}
header .logo{width:38px;height:38px;border-radius:50%;background:#ffd54f;color:#b3261e;font-weight:700;
display:flex;align-items:center;justify-content:center}header h1{font-size:18px;margin:0}
header p{margin:2px 0 0;font-size:13px;opacity:.9}main{max-width:560px;margin:24px auto;padding:0 14px}
.card{background:#fff;border-radius:10px;box-shadow:0 2px 8px rgba(0,0,0,.08);padding:20px;margin-bottom:16px}
.amount{font-size:30px;font-weight:700;color:#b3261e;margin:4px 0 12px}dl{display:grid;
grid-template-columns:max-content 1fr;gap:8px 14px;margin:0;font-size:15px}dt{color:#5b6774}dd{margin:0;
word-break:break-word}.banks{display:grid;grid-template-columns:repeat(3,1fr);gap:8px;margin:12px 0}
.bank{border:1px solid #cfd8e3;border-radius:8px;padding:10px 4px;text-align:center;font-size:13px;font-weight:600}
.actions{display:flex;flex-direction:column;gap:10px;margin-top:14px}button{font-size:16px;padding:13px;
border-radius:8px;border:0;cursor:pointer;font-weight:600}.pay{background:#0b6bcb;color:#fff}
.fail{background:#fff;color:#8a1c12;border:1px solid #8a1c12}.cancel{background:#e4e9ef;color:#1c2733}
.status{font-size:18px;font-weight:600}.note{font-size:13px;color:#5b6774}a.back{display:inline-block;
margin-top:10px;color:#0b6bcb}footer{text-align:center;font-size:12px;color:#5b6774;padding:20px}
@media(min-width:700px){.actions{flex-direction:row}.actions button{flex:1}}
"""
STATUS_TEXT = {
    "pending": "Đang chờ thanh toán", "paid": "Giao dịch thành công", "cancelled": "Giao dịch đã bị hủy",
    "failed": "Giao dịch không thành công", "expired": "Giao dịch đã hết hạn",
}


def money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " ₫"


def _frame(title: str, body: str) -> bytes:
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>
<style>{STYLE}</style></head><body><header><div class="logo">VN</div><div><h1>Nền tảng thanh toán quốc gia</h1>
<p>Cổng Dịch vụ công quốc gia · Môi trường thử nghiệm (mô phỏng)</p></div></header><main>{body}</main>
<footer>Giao dịch được bảo mật. Không chia sẻ mã OTP cho bất kỳ ai.</footer></body></html>""".encode()


def payment_page(order: dict, *, merchant_name: str) -> bytes:
    facts = (f"<dl><dt>Đơn vị thụ hưởng</dt><dd>{escape(merchant_name)}</dd>"
             f"<dt>Mã đơn hàng</dt><dd>{escape(order['order_id'])}</dd>"
             f"<dt>Nội dung</dt><dd>{escape(order['description'])}</dd>")
    if order["status"] != "pending":
        extra = (f"<dt>Mã giao dịch</dt><dd>{escape(order['transaction_id'])}</dd>" if order["transaction_id"] else "")
        return _frame("Kết quả giao dịch", f"""<section class="card"><p class="status">
{STATUS_TEXT.get(order['status'], order['status'])}</p><p class="amount">{money(order['amount'])}</p>{facts}{extra}</dl>
<form method="post"><button class="cancel" name="action" value="back">Quay lại Cổng dịch vụ công</button></form></section>""")
    minutes = max(0, int((order["expires_at"] - time.time()) // 60))
    return _frame("Thanh toán trực tuyến", f"""<section class="card"><p>Số tiền thanh toán</p>
<p class="amount">{money(order['amount'])}</p>{facts}<dt>Hiệu lực</dt><dd>còn {minutes} phút</dd></dl></section>
<section class="card"><p><strong>Chọn ngân hàng hoặc ví điện tử</strong></p><div class="banks">
<div class="bank">Vietcombank</div><div class="bank">VietinBank</div><div class="bank">BIDV</div>
<div class="bank">Agribank</div><div class="bank">MoMo</div><div class="bank">VNPAY-QR</div></div>
<form method="post" class="actions"><button class="pay" name="action" value="pay">Thanh toán</button>
<button class="fail" name="action" value="fail">Giao dịch thất bại</button>
<button class="cancel" name="action" value="cancel">Hủy giao dịch</button></form>
<p class="note">Môi trường mô phỏng: không có tiền thật được chuyển.</p></section>""")


def not_found_page() -> bytes:
    return _frame("Không tìm thấy giao dịch", '<section class="card"><p class="status">Không tìm thấy giao dịch'
                  "</p><p>Đường dẫn thanh toán không đúng hoặc đã hết hiệu lực.</p></section>")
